"""MoraleWatch: who said what about the morale of armies, through whom, with evidence spans."""

__version__ = "0.1.0"
