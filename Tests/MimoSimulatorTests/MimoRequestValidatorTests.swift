import Testing
@testable import MimoSimulator
