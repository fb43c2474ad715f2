// The only C the project sees: OpenBLAS's CBLAS interface and LAPACKE.
//
// Debian 12: `apt-get install libopenblas-dev liblapacke-dev`.
// libopenblas-dev makes /usr/include/x86_64-linux-gnu/cblas.h (the multiarch
// include directory, searched by default) point at OpenBLAS's cblas.h, which
// also declares openblas_set_num_threads; liblapacke-dev installs
// /usr/include/lapacke.h. Only JikunLinearAlgebra imports this module.
#ifndef JIKUN_CBLAS_SHIM_H
#define JIKUN_CBLAS_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#endif
