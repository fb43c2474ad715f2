// libxlsxwriter, the C library that writes .xlsx workbooks.
//
// Debian 12: `apt-get install libxlsxwriter-dev` (installs /usr/include/xlsxwriter.h and
// libxlsxwriter.so). Only JikunReports/XLSXWriter.swift imports this module.
#ifndef JIKUN_CXLSXWRITER_SHIM_H
#define JIKUN_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
