// Audio playback and microphone recording for the portal. Blazor calls these through JS interop;
// one shared <audio> element means starting a clip stops the previous one.
window.pairwiseAudio = (() => {
    function microphoneProblem(e) {
        switch (e && e.name) {
            case "NotFoundError":
            case "OverconstrainedError":
                return "No microphone found: connect one, or upload a file instead.";
            case "NotAllowedError":
            case "SecurityError":
                return "The browser was not allowed to use the microphone: allow it for this site, or upload a file instead.";
            case "NotReadableError":
            case "AbortError":
                return "The microphone is busy or failed to start (another application may hold it): free it, or upload a file instead.";
            default:
                return "The microphone could not be opened (" + ((e && e.name) || "unknown error") + "): upload a file instead.";
        }
    }

    let player = null;
    let recorder = null;
    let chunks = [];
    // The page that started the clip now playing, told once when it ends, is replaced or stopped.
    let listener = null;
    // The URL of the last clip whose playback began (short clips end before anyone can look).
    let lastStarted = null;

    function notifyStopped() {
        const current = listener;
        listener = null;
        if (current) current.page.invokeMethodAsync("OnPlaybackStopped", current.url).catch(() => {});
    }

    function ensurePlayer() {
        if (!player) {
            player = new Audio();
            player.preload = "auto";
            player.addEventListener("ended", notifyStopped);
        }
        return player;
    }

    return {
        // Plays the clip at url from the start; resolves once playback has begun. With page (a .NET object
        // reference), calls its OnPlaybackStopped(url) when this clip stops playing.
        play: async (url, page) => {
            const audio = ensurePlayer();
            notifyStopped();
            audio.pause();
            audio.src = url;
            audio.currentTime = 0;
            listener = page ? { page, url } : null;
            try {
                await audio.play();
                lastStarted = url;
            } catch (e) {
                listener = null;
                throw e;
            }
        },
        replay: async () => {
            const audio = ensurePlayer();
            audio.currentTime = 0;
            await audio.play();
        },
        // The URL of the clip playing now, or null (for tests and for pages that restore their state).
        nowPlaying: () => (player && !player.paused && !player.ended ? player.src : null),
        lastStarted: () => lastStarted,
        stop: () => {
            if (player) player.pause();
            notifyStopped();
        },
        // Starts recording from the default microphone (the browser asks the user for permission). A failure is
        // explained by its DOMException name: browsers' own messages ("Requested device not found") do not say what to do.
        startRecording: async () => {
            if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
                throw new Error("This browser cannot record on this page (recording needs https or localhost): upload a file instead.");
            }
            let stream;
            try {
                stream = await navigator.mediaDevices.getUserMedia({ audio: true });
            } catch (e) {
                throw new Error(microphoneProblem(e));
            }
            chunks = [];
            recorder = new MediaRecorder(stream);
            recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
            recorder.start();
        },
        // Stops recording and returns the clip's bytes. Blazor streams a typed array to .NET in chunks
        // (IJSStreamReference): one interop message of the whole clip would exceed SignalR's 32 KB limit
        // after a couple of seconds of audio and close the page's connection.
        stopRecording: () => new Promise((resolve, reject) => {
            if (!recorder) { reject(new Error("Recording has not started.")); return; }
            const stopping = recorder;
            recorder = null;
            stopping.onstop = async () => {
                stopping.stream.getTracks().forEach((t) => t.stop());
                try {
                    const blob = new Blob(chunks, { type: stopping.mimeType });
                    chunks = [];
                    resolve(new Uint8Array(await blob.arrayBuffer()));
                } catch (e) {
                    reject(e);
                }
            };
            stopping.stop();
        }),
    };
})();
