#!/usr/bin/env bash
# Prints what a jar carries as Markdown: its size, its entries, and its classes grouped by package
# (Driftwatch's own by package; libraries by their group, e.g. org.apache.kafka or kotlin), largest first.
# Used for docs/LAYOUT.md:  engine-core/jar-contents.sh engine-core/target/driftwatch-engine-core-*-job.jar
set -euo pipefail
jar="${1:?usage: jar-contents.sh JAR}"
[ -f "$jar" ] || { echo "jar-contents: no such jar: $jar" >&2; exit 1; }
bytes=$(stat -c %s "$jar")
printf '%s: %s bytes (%.1f MiB), %s entries\n\n' "$(basename "$jar")" "$bytes" "$(echo "$bytes / 1048576" | bc -l)" \
  "$(unzip -Z1 "$jar" | wc -l)"
echo "| package | classes | bytes uncompressed |"
echo "|---|---:|---:|"
unzip -Zl "$jar" | awk '$NF ~ /\.class$/ {
    n = split($NF, part, "/");
    depth = (part[1] == "io" && part[2] == "driftwatch") ? 4 : (part[1] ~ /^(org|com|io|net|software)$/ ? 3 : 1);
    name = part[1]; for (i = 2; i <= depth && i < n; i++) name = name "." part[i];
    classes[name]++; size[name] += $4 }
  END { for (p in classes) printf "| `%s` | %d | %d |\n", p, classes[p], size[p] }' | sort -t'|' -k4 -n -r
