"""``python -m storycast``: the storycast command."""
import sys

from .cli import main

sys.exit(main())
