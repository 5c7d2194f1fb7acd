// Keyboard shortcuts of the labelling page: 1..9 choose a class, space replays, arrows move, u undoes.
// Keys typed into form fields are left alone, so label-set names can still be edited on the same page.
const handled = new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", " ", "ArrowLeft", "ArrowRight", "u", "U"]);

function typingInField(target) {
    if (!target) return false;
    const tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

export function listen(page) {
    const onKey = (e) => {
        if (e.ctrlKey || e.altKey || e.metaKey || !handled.has(e.key) || typingInField(e.target)) return;
        e.preventDefault();
        page.invokeMethodAsync("OnKey", e.key);
    };
    document.addEventListener("keydown", onKey);
    return { stop: () => document.removeEventListener("keydown", onKey) };
}
