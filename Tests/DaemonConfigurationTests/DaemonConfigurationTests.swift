import Testing
@testable import DaemonConfiguration
