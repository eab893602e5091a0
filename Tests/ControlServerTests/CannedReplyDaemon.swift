import Foundation

/// A stand-in daemon for replies the real server never sends: the next connection on `listener` gets
/// `line` as its answer, whatever it asked, and is closed.
func answerNextConnection(on listener: Int32, with line: String) {
    Thread {
        let connection = accept(listener, nil, nil)
        var buffer = [UInt8](repeating: 0, count: 1024)
        _ = read(connection, &buffer, buffer.count)
        _ = (line + "\n").withCString { write(connection, $0, strlen($0)) }
        close(connection)
    }.start()
}
