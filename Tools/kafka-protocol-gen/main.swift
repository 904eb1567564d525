import Foundation
import KafkaProtocolGenKit

// kafka-protocol-gen SPEC_DIR LIBRARY_OUTPUT_DIR TEST_OUTPUT_DIR
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: kafka-protocol-gen SPEC_DIR LIBRARY_OUTPUT_DIR TEST_OUTPUT_DIR\n".utf8))
    exit(2)
}
let paths = arguments.map { URL(fileURLWithPath: $0) }
do {
    let generator = try Generator(specRoot: paths[0])
    try Generator.write(generator.libraryFiles, to: paths[1])
    try Generator.write(generator.testFiles, to: paths[2])
} catch {
    FileHandle.standardError.write(Data("kafka-protocol-gen: \(error)\n".utf8))
    exit(1)
}
