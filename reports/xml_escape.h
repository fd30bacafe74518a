// XML 1.0 escaping for text and attribute values. XML 1.0 cannot carry most
// control characters even as character references, so they (and bytes that
// are not valid UTF-8) are replaced by U+FFFD; tab, newline and carriage
// return are kept in text and written as character references in attributes
// so that attribute-value normalisation does not turn them into spaces.
#ifndef REPORTS_XML_ESCAPE_H_
#define REPORTS_XML_ESCAPE_H_

#include <string>

namespace pd {

std::string XmlEscapeText(const std::string& text);
std::string XmlEscapeAttribute(const std::string& text);

}  // namespace pd

#endif  // REPORTS_XML_ESCAPE_H_
