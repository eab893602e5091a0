/// The timestamps ccmimolink writes (state, replies, backups, file names), in UTC so they compare as
/// text in every time zone; one spelling everywhere, without Foundation.
public enum UTCTimestamp {
    /// `2026-12-07T22:24:50.123Z`.
    public static func iso8601(millisecondsSinceEpoch milliseconds: Int64) -> String {
        let (day, millisecond) = split(milliseconds)
        return CivilDate(daysSinceEpoch: day).text + "T" + clock(millisecond / 1000, separator: ":")
            + "." + CivilDate.pad(millisecond % 1000, 3) + "Z"
    }

    /// `20261207T222450.123Z`: sorts as text and fits a file name.
    public static func compact(millisecondsSinceEpoch milliseconds: Int64) -> String {
        let (day, millisecond) = split(milliseconds)
        let date = CivilDate(daysSinceEpoch: day)
        return CivilDate.pad(date.year, 4) + CivilDate.pad(date.month, 2) + CivilDate.pad(date.day, 2) + "T"
            + clock(millisecond / 1000, separator: "") + "." + CivilDate.pad(millisecond % 1000, 3) + "Z"
    }

    /// The day since 1970-01-01 and the millisecond of that day, also for instants before 1970.
    private static func split(_ milliseconds: Int64) -> (day: Int, millisecond: Int) {
        let perDay: Int64 = 86_400_000
        let day = milliseconds >= 0 ? milliseconds / perDay : (milliseconds - perDay + 1) / perDay
        return (Int(day), Int(milliseconds - day * perDay))
    }

    private static func clock(_ secondOfDay: Int, separator: String) -> String {
        CivilDate.pad(secondOfDay / 3600, 2) + separator + CivilDate.pad(secondOfDay / 60 % 60, 2) + separator
            + CivilDate.pad(secondOfDay % 60, 2)
    }
}
