"""The shared text layers of a document, computed once by the segment stage and read by the later stages.

``paragraphs`` and ``sentences`` (:mod:`.sentences`: the one sentence splitter), ``marks`` (:mod:`.marks`: the
one quotation-mark finder: the spans between quotation marks) and ``masked`` (the text with those spans blanked).
A stage that reads a layer names it in its ``requires``; none derives one again.
"""
