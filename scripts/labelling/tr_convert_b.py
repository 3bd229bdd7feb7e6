"""Convert scripts/labelling/trb/answers.txt into gold/transcripts/turns_heldout_b.jsonl (same line format and the
same checks as tr_convert.py, whose code is reused), then run tr_validate_b.py over the written file."""

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tr_convert as C  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
C.ANS = ROOT / "scripts/labelling/trb/answers.txt"
C.OUT = ROOT / "gold/transcripts/turns_heldout_b.jsonl"

if __name__ == "__main__":
    C.main()
    sys.exit(subprocess.run([sys.executable, str(ROOT / "scripts/labelling/tr_validate_b.py")]).returncode)
