import Foundation
import StateFiles

/// `strerror` text plus the number, for error messages that must say what the system refused.
func systemErrorText(_ code: Int32 = errno) -> String { FileSystemError.text(errno: code) }

/// `close(2)`, named so that types with their own `close`/`read` methods can still call it.
@discardableResult
func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }

/// `read(2)` into a buffer.
func readDescriptor(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
