import Testing
@testable import MimoUpstream
