import ArgumentParser
import KafkaServerStartCommand

// An explicit async entry point: top-level code in main.swift would pick the synchronous main() overload.
@main
enum KafkaServerStart {
    static func main() async {
        await ServerStartCommand.main()
    }
}
