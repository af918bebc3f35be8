// An image file as a chat content part, for the judge to look at.
#pragma once

#include <filesystem>
#include <string>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::llm_judge {

// Throws sdk::PluginError "<what> <path>: ..." for a missing or unreadable file, one that is not
// a PNG, JPEG, GIF or WebP image, or one above 20 MB (the providers' own limit).
sdk::ContentPart image_part(const std::filesystem::path& file, const std::string& what);

}  // namespace modelcompare::llm_judge
