"""The Python runner of the cross-binding test (`cargo xtask answers`,
crates/xtask/src/answers.rs): reads the inputs as hex lines from the file named on the command
line and prints one answer line per input, with default options, in the format of the Rust
core's `rust_answer`: valid (0/1), parse (canonical or NAME@INDEX), prefix
(complete:CANONICAL, incomplete:EXPECTED or NAME@INDEX), scan (CANONICAL@START..END;… or -).
Positions are code points, as Python's str indices are."""

import sys

import icp_number


def answer(text: str) -> str:
    try:
        parsed = icp_number.parse(text).canonical
    except icp_number.ParseError as e:
        parsed = f"{e.name}@{e.index}"
    prefix = icp_number.check_prefix(text)
    if prefix.number is not None:
        typed = f"complete:{prefix.number.canonical}"
    elif prefix.expected is not None:
        typed = f"incomplete:{prefix.expected}"
    else:
        assert prefix.error is not None
        typed = f"{prefix.error.name}@{prefix.error.index}"
    found = ";".join(f"{m.canonical}@{m.start}..{m.end}" for m in icp_number.scan(text)) or "-"
    return "\t".join([str(int(icp_number.is_valid(text))), parsed, typed, found])


def main() -> None:
    with open(sys.argv[1], encoding="ascii") as f:
        lines = [bytes.fromhex(line.rstrip("\n")).decode("utf-8") for line in f]
    out = sys.stdout
    for text in lines:
        out.write(answer(text) + "\n")


if __name__ == "__main__":
    main()
