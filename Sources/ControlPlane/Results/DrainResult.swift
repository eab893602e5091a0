/// `drain`: what emptying the response store removed.
public struct DrainResult: Codable, Sendable, Equatable {
    public var removed: Int
    public var bytesFreed: Int

    public init(removed: Int, bytesFreed: Int) {
        self.removed = removed
        self.bytesFreed = bytesFreed
    }
}
