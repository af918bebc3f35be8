#include "image_part.hpp"

#include <fstream>
#include <sstream>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::llm_judge {
namespace {

constexpr std::uintmax_t kMaxBytes = 20u << 20;

std::string sniff(const std::string& bytes) {
  const auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return bytes.size() >= at + magic.size() && bytes.compare(at, magic.size(), magic) == 0;
  };
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xff\xd8\xff")) return "image/jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  return {};
}

}  // namespace

sdk::ContentPart image_part(const std::filesystem::path& file, const std::string& what) {
  const std::string where = what + " " + file.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw sdk::PluginError(where + ": no such file");
  if (std::filesystem::file_size(file, ec) > kMaxBytes)
    throw sdk::PluginError(where + ": larger than 20 MB");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw sdk::PluginError(where + ": cannot be read");
  sdk::ContentPart part;
  part.kind = sdk::ContentPart::Kind::image;
  part.image_bytes = bytes.str();
  part.mime_type = sniff(part.image_bytes);
  if (part.mime_type.empty())
    throw sdk::PluginError(where + ": not a PNG, JPEG, GIF or WebP image");
  part.image_source = file.string();
  return part;
}

}  // namespace modelcompare::llm_judge
