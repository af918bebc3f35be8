// Images as the data URLs the chat API takes: data:<mime>;base64,<bytes>.
#pragma once

#include <string>
#include <string_view>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::azure_openai {

// The image MIME type the bytes' signature says (png, jpeg, gif, webp, bmp), or empty.
std::string sniff_image_mime(std::string_view bytes);

// Uses the MIME type the bytes show; the part's own mime_type only when the bytes show none.
// Throws sdk::PluginError naming the image source when neither gives an image type.
std::string image_data_url(const sdk::ContentPart& part);

}  // namespace modelcompare::azure_openai
