import ResponsesTranslation

/// `drain`: what emptying the response store removed.
public struct DrainResult: ControlResultPayload {
    public var removed: Int
    public var bytesFreed: Int

    public init(removed: Int, bytesFreed: Int) {
        self.removed = removed
        self.bytesFreed = bytesFreed
    }

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("removed", removed)
        w.set("bytes_freed", bytesFreed)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "drain")
        self.init(removed: try r.int("removed"), bytesFreed: try r.int("bytes_freed"))
    }
}
