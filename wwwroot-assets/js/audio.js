// Audio playback and microphone recording for the portal. Blazor calls these through JS interop;
// one shared <audio> element means starting a clip stops the previous one.
window.pairwiseAudio = (() => {
    let player = null;
    let recorder = null;
    let chunks = [];

    function ensurePlayer() {
        if (!player) {
            player = new Audio();
            player.preload = "auto";
        }
        return player;
    }

    return {
        // Plays the clip at url from the start; resolves once playback has begun.
        play: async (url) => {
            const audio = ensurePlayer();
            audio.pause();
            audio.src = url;
            audio.currentTime = 0;
            await audio.play();
        },
        replay: async () => {
            const audio = ensurePlayer();
            audio.currentTime = 0;
            await audio.play();
        },
        stop: () => {
            if (player) player.pause();
        },
        // Starts recording from the default microphone; the browser asks the user for permission.
        startRecording: async () => {
            const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
            chunks = [];
            recorder = new MediaRecorder(stream);
            recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
            recorder.start();
        },
        // Stops recording and returns the clip as a base64 string with its MIME type.
        stopRecording: () => new Promise((resolve, reject) => {
            if (!recorder) { reject(new Error("Recording has not started.")); return; }
            recorder.onstop = async () => {
                recorder.stream.getTracks().forEach((t) => t.stop());
                const blob = new Blob(chunks, { type: recorder.mimeType });
                const bytes = new Uint8Array(await blob.arrayBuffer());
                let binary = "";
                for (let i = 0; i < bytes.length; i += 0x8000) {
                    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                }
                recorder = null;
                resolve({ mimeType: blob.type, base64: btoa(binary) });
            };
            recorder.stop();
        }),
    };
})();
