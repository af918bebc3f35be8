// Where a chart's text is: the boxes of its lines (title, labels, percentages, legend entries,
// tick labels), so OCR reads those few strips instead of laying out the whole picture.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace modelcompare::chart_image_diff {

// The ink boxes of the text lines of a text layer (see text_layer.hpp), top to bottom then left
// to right. Ink is a pixel darker than mid-grey. Glyphs are ink components no taller than a tenth
// of the picture (at least 40 px) and at most four times as wide as tall; glyphs side by side
// (overlapping heights, gaps under a glyph's height) make one line. Not text: longer strokes
// (axes, grid lines), specks under 6 px tall, and faint thin lines — no pixel darker than
// glyph cores are and little ink in the box — which is what the grey blend along the edge
// between two wedges of complementary colours leaves.
std::vector<cv::Rect> find_text_lines(const cv::Mat& layer);

}  // namespace modelcompare::chart_image_diff
