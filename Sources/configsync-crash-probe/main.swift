// Replaces a file the way ConfigSync does and kills itself with SIGKILL at a chosen step, so a
// test can check that a writer dying at any moment leaves the old file or the new one.
//
//   configsync-crash-probe <file> <file with the new contents> <step>
//
// <step> is one of temporary-created, partially-written, flushed, renamed, or `none` to finish.
@_spi(CrashProbe) import ConfigSync
import Foundation

let arguments = CommandLine.arguments
let steps = AtomicFileWrite.Step.allCases.map(\.rawValue) + ["none"]
guard arguments.count == 4, steps.contains(arguments[3]),
      let contents = FileManager.default.contents(atPath: arguments[2])
else {
    FileHandle.standardError.write(Data("usage: configsync-crash-probe <file> <new contents file> <\(steps.joined(separator: "|"))>\n".utf8))
    exit(2)
}
let killAt = AtomicFileWrite.Step(rawValue: arguments[3])
do {
    try AtomicFileWrite.replace(arguments[1], with: Array(contents)) { step in
        if step == killAt { kill(getpid(), SIGKILL) }
    }
} catch {
    FileHandle.standardError.write(Data("configsync-crash-probe: \(error.reason)\n".utf8))
    exit(1)
}
