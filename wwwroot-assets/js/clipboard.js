// Copies text for the portal's "shown only once" secrets (share links, invitations, API tokens).
// navigator.clipboard needs a secure context (https or localhost); elsewhere a hidden textarea and
// execCommand("copy") still work in current browsers.
window.pairwiseClipboard = {
    copy: async (text) => {
        if (navigator.clipboard && window.isSecureContext) {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch {
                // Permission refused: fall through to the textarea.
            }
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let copied = false;
        try {
            copied = document.execCommand("copy");
        } finally {
            area.remove();
        }
        return copied;
    },
};
