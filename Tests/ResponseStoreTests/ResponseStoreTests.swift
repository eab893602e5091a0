import Testing
@testable import ResponseStore
