"""Compare the blind self re-label (answers_a_self.txt) with the main answers (answers_a.txt) on the sample."""
import collections
import sys

sys.path.insert(0, "scripts/labelling")
import convert_a as CV

d1, l1 = CV.parse("scripts/labelling/answers_a.txt")
d2, l2 = CV.parse("scripts/labelling/answers_a_self.txt")
sample = sorted(d2)
key = lambda labs: {(ind, side) for ind, side, h, n, c in labs}
full = lambda labs: {(ind, side, h, n) for ind, side, h, n, c in labs}
same = same_full = pos1 = pos2 = 0
per = collections.Counter()
for i in sample:
    a, b = key(l1.get(i, ([], {}))[0]), key(l2.get(i, ([], {}))[0])
    pos1 += bool(a); pos2 += bool(b)
    same += a == b
    same_full += full(l1.get(i, ([], {}))[0]) == full(l2.get(i, ([], {}))[0])
    for k in a | b:
        per[(k, "both" if k in a and k in b else ("first only" if k in a else "re-label only"))] += 1
    if a != b or full(l1.get(i, ([], {}))[0]) != full(l2.get(i, ([], {}))[0]):
        print("diff", i, sorted(full(l1.get(i, ([], {}))[0])), "|", sorted(full(l2.get(i, ([], {}))[0])))
print(f"sample {len(sample)}: positive first {pos1}, re-label {pos2}; identical indicator x side sets {same}/{len(sample)}; "
      f"identical incl. hedged/negated {same_full}/{len(sample)}")
for k, v in sorted(per.items()):
    print(" ", k, v)
