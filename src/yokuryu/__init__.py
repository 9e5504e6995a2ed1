"""yokuryu (抑留): records of the Japanese held in Soviet and Mongolian camps, 1945–1956."""

__version__ = "0.1.0"
