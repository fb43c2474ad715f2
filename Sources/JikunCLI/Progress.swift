import Foundation
import Synchronization

/// A progress bar with trials/s and an ETA on standard error, drawn only when standard error is
/// a terminal (quiet in pipes, files and CI).
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: ContinuousClock.Instant
        var done = 0
    }
    private let total: Int
    private let label: String
    private let unit: String
    private let start = ContinuousClock.now
    private let state: Mutex<State>
    let isActive: Bool

    init(total: Int, label: String, unit: String = "trials") {
        self.total = total
        self.label = label
        self.unit = unit
        self.state = Mutex(State(lastDraw: .now - .seconds(1)))
        self.isActive = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int) {
        guard isActive else { return }
        state.withLock { s in
            s.done = max(s.done, done)
            let now = ContinuousClock.now
            guard now - s.lastDraw > .milliseconds(100) || s.done == total else { return }
            s.lastDraw = now
            draw(s.done, elapsed: now - start)
        }
    }

    /// Counts `count` more done (workers that finish blocks in any order).
    func advance(by count: Int) {
        guard isActive else { return }
        state.withLock { s in
            s.done += count
            let now = ContinuousClock.now
            guard now - s.lastDraw > .milliseconds(100) || s.done == total else { return }
            s.lastDraw = now
            draw(s.done, elapsed: now - start)
        }
    }

    func finish() {
        guard isActive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ done: Int, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %@ %3d%%  %d/%d %@  %.0f %@/s  ETA %.0fs\u{1B}[K",
                          label, bar, total > 0 ? 100 * done / total : 100, done, total, unit, rate, unit, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
