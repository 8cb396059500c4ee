#!/usr/bin/env bash
# Cargo runner: boots an ELF on QEMU's lm3s6965evb (Cortex-M3) with semihosting, decodes the
# defmt stream it writes to semihosting stdout with defmt-print, and exits with the program's
# own semihosting exit status (124 when it did not finish within the timeout).
# `-icount shift=0`: the virtual clock advances exactly 1 ns per guest instruction, so SysTick
# (driven by it) counts instructions and every run gives the same counts (src/count.rs).
set -uo pipefail
elf="$1"
timeout 60 qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic \
    -icount shift=0 \
    -semihosting-config enable=on,target=native -kernel "$elf" </dev/null \
    | defmt-print --log-format '{L} {s}' -e "$elf"
status=("${PIPESTATUS[@]}")
if [ "${status[1]}" -ne 0 ]; then
    echo "qemu-run.sh: defmt-print failed (${status[1]})" >&2
    exit "${status[1]}"
fi
exit "${status[0]}"
