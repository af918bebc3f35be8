#include "image_data_url.hpp"

#include "modelcompare/sdk/base64.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::azure_openai {

std::string sniff_image_mime(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xff\xd8\xff")) return "image/jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts("RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") return "image/webp";
  if (starts("BM") && bytes.size() >= 14) return "image/bmp";
  return {};
}

std::string image_data_url(const sdk::ContentPart& part) {
  std::string mime = sniff_image_mime(part.image_bytes);
  if (mime.empty() && part.mime_type.rfind("image/", 0) == 0) mime = part.mime_type;
  if (mime.empty())
    throw sdk::PluginError("image " +
                           (part.image_source.empty() ? "(unnamed)" : part.image_source) +
                           " is not a PNG, JPEG, GIF, WebP or BMP file");
  return "data:" + mime + ";base64," + sdk::base64_encode(part.image_bytes);
}

}  // namespace modelcompare::azure_openai
