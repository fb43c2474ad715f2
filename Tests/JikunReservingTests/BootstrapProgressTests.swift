import Synchronization
import Testing
@testable import JikunReserving

/// The bootstrap's progress callback: told every replicate once, and unable to change a result.
@Suite struct BootstrapProgressTests {
    @Test(arguments: [1, 2])
    func progressCountsEveryReplicateAndChangesNothing(threads: Int) throws {
        let told = Mutex<[Int]>([])
        // 700 replicates: blocks of 256, 256 and 188.
        let watched = try ReserveBootstrap(Published.taylorAshe, replicates: 700, seed: 11, threads: threads,
                                           progress: { n in told.withLock { $0.append(n) } })
        let plain = try ReserveBootstrap(Published.taylorAshe, replicates: 700, seed: 11, threads: threads)
        #expect(told.withLock { $0.sorted() } == [188, 256, 256])
        #expect(watched.totals == plain.totals)
    }
}
