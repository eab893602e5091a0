import GRDB

extension DatabaseMigrator {
    /// Migrations recorded in the file that this build does not know: a newer ccmimolink wrote it, so
    /// the stores leave it alone rather than write rows an older schema does not describe.
    public func unknownMigrations(_ db: Database) throws -> [String] {
        let known = Set(migrations)
        return try appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    }
}
