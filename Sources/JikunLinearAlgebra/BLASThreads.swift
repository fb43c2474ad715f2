import _CBLAS

/// Control over OpenBLAS's own worker threads.
public enum BLASThreads {
    /// Makes every later BLAS/LAPACK call run on the calling thread only.
    ///
    /// Call it before running matrix work inside `DispatchQueue.concurrentPerform`
    /// (or any other pool): otherwise each concurrent caller would also fan out
    /// to OpenBLAS's threads and oversubscribe the cores. Process-wide. Complexity: O(1).
    public static func setSingleThreaded() {
        openblas_set_num_threads(1)
    }

    /// The number of threads OpenBLAS currently uses for one call.
    public static var count: Int {
        Int(openblas_get_num_threads())
    }
}
