import ResponsesTranslation

/// The control protocol between `ccmimolinkd` and `ccmimoctl`: newline-delimited JSON over a Unix
/// stream socket. Each request is one line; the daemon answers each with one line, in order.
///
/// Request: `{"v":1,"id":7,"command":"sync","args":{"dry_run":true}}`
/// Reply:   `{"v":1,"id":7,"ok":true,"result":{…}}` or
///          `{"v":1,"id":7,"ok":false,"error":{"code":"unknown_command","message":"…","hint":"…"}}`
///
/// Requests are strict (unknown arguments are rejected, so an old daemon never silently ignores what a
/// newer client asked for); results are lenient (unknown keys are ignored, so a newer daemon can add
/// fields without breaking an older client). Timestamps in results are ISO 8601 UTC strings.
///
/// Each command's result type (`ControlCall`) is written and read by one coder: keys snake_case,
/// absent optionals written as null, unknown keys ignored, and a list left out reads as empty.
public enum ControlProtocol {
    public static let version = 1
    /// The longest request line the daemon accepts, without its newline.
    public static let maxLineLength = 1 << 20
    /// The longest reply line the client accepts: a sync diff can be long, so replies get more room.
    public static let maxReplyLength = 16 << 20

    /// Writes every result payload.
    public static let resultEncoder = JSONValueEncoder(keys: .snakeCase, nils: .null)
    /// Reads every result payload, and the reply around it.
    public static let resultDecoder = JSONValueDecoder(keys: .snakeCase, absentArraysAreEmpty: true)
}
