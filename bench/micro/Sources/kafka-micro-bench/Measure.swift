/// One benchmark's figure: the best of several runs, because on a shared machine noise only ever adds time.
struct Measurement {
    let name: String
    let bytes: Int
    let best: Duration
    /// Set for figures counted in items (records) rather than bytes.
    var items: (count: Int, unit: String)? = nil

    var gigabytesPerSecond: Double {
        Double(bytes) / seconds / 1e9
    }

    var seconds: Double { Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18 }

    var line: String {
        let padding = String(repeating: " ", count: max(1, 34 - name.count))
        if let items {
            let millions = (Double(items.count) / seconds / 1e4).rounded() / 100
            return name + padding + "\(millions) M \(items.unit)/s"
        }
        let rate = (gigabytesPerSecond * 100).rounded() / 100
        return name + padding + "\(rate) GB/s"
    }
}

/// Runs `body` `runs` times over `bytes` bytes of input and keeps the fastest run.
func measure(_ name: String, bytes: Int, runs: Int = 5, _ body: () -> Void) -> Measurement {
    let clock = ContinuousClock()
    var best = Duration.seconds(Int64.max)
    for _ in 0..<runs {
        best = min(best, clock.measure(body))
    }
    return Measurement(name: name, bytes: bytes, best: best)
}
