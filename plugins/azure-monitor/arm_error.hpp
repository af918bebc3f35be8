// One readable line for an Azure Resource Manager / Azure Monitor error answer.
#pragma once

#include <string>
#include <string_view>

namespace modelcompare::azure_monitor {

// "HTTP 403 AuthorizationFailed: The client '...' does not have authorization ...". Reads both
// shapes Azure sends: {"code","message"} (Monitor's own, e.g. an unknown metric) and
// {"error":{"code","message"}} (ARM's, e.g. authorization). Falls back to the body's first line
// when it is neither. Never longer than one line.
std::string arm_error_line(int status, std::string_view body);

}  // namespace modelcompare::azure_monitor
