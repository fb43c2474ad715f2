import ArgumentParser

/// `--csv-bom`, on every command that writes CSV.
struct CSVOptions: ParsableArguments {
    @Flag(name: .customLong("csv-bom"),
          help: "Start each CSV written with a UTF-8 byte-order mark, so Excel on a Chinese system opens it without garbling.")
    var byteOrderMark = false
}
