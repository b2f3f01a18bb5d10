#!/bin/sh
# Every page in Documentation/ is valid reStructuredText: docutils parses it
# without a warning (a malformed table or a broken reference fails).
set -eu
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
$py -c 'import docutils' 2>/dev/null ||
	{ echo "SKIP: python3-docutils is not installed"; exit 77; }
$py - Documentation/*.rst <<'PY'
import io
import sys
import docutils.core
import docutils.utils

bad = 0
for path in sys.argv[1:]:
    try:
        docutils.core.publish_string(
            open(path, encoding="utf-8").read(), source_path=path,
            writer_name="null",
            settings_overrides={"report_level": 2, "halt_level": 2,
                                "warning_stream": io.StringIO()})
    except docutils.utils.SystemMessage as e:
        print(" ".join(str(e).splitlines()[:2]))
        bad += 1
print(f"ok: {len(sys.argv) - 1 - bad} of {len(sys.argv) - 1} pages parse")
sys.exit(1 if bad else 0)
PY
