"""Scorers: quotes (PolNeAR conventions), indicators (codebook), entities. Each module has a click ``command``."""
