# Writes OUT: `const std::string_view eiso::NAMESPACE::SYMBOL` holding the text of IN.
file(READ ${IN} text)
file(WRITE ${OUT}.tmp "// Generated from ${IN} by cmake/EmbedText.cmake.\n#include <string_view>\nnamespace eiso::${NAMESPACE} {\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL} = R\"eiso_text(${text})eiso_text\";\n}\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
