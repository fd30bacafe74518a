#include "reports/html_page_style.h"

namespace pd {

const char kReportPageStyle[] = R"(:root { --fg:#24292f; --muted:#57606a; --line:#d0d7de; --bg2:#f6f8fa; --red:#cf222e; --green:#1a7f37; --amber:#9a6700; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.banner { display: inline-block; margin: 8px 0 4px; padding: 6px 12px; border-radius: 6px; font-weight: 600; }
.banner.pass { background: #dafbe1; color: var(--green); border: 1px solid #aceebb; }
.banner.fail { background: #ffebe9; color: var(--red); border: 1px solid #ffcecb; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 10px 0 0; }
dl.run dt { color: var(--muted); }
dl.run dd { margin: 0; }
)";

}  // namespace pd
