#!/usr/bin/env python3
"""Draws the reference chart of the pie-chart-tutor scenario: demo.png beside this script.

The lab's exam marks are 88/72/52/40 for maths/physics/chemistry/english, which matplotlib shows
as 34.9/28.6/20.6/15.9 %. Run with an interpreter that has matplotlib (Debian's /usr/bin/python3
with python3-matplotlib):

    /usr/bin/python3 configs/pie-chart-tutor/draw_reference.py [OUTPUT.png]
"""

import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

SUBJECTS = ["maths", "physics", "chemistry", "english"]
MARKS = [88, 72, 52, 40]
COLOURS = ["m", "r", "y", "c"]
TITLE = "Marks obtained in an exam"


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "demo.png")
    plt.pie(MARKS, labels=SUBJECTS, colors=COLOURS, autopct="%1.1f%%")
    plt.title(TITLE)
    # No software tag in the file, so redrawing it with another matplotlib gives the same bytes
    # as long as the pixels are the same.
    plt.savefig(output, bbox_inches="tight", metadata={"Software": None})
    print(output)


if __name__ == "__main__":
    main()
