// Draws the results pages' Plotly figures. A figure is a <div class="pcl-plot" data-figure="{data, layout}">;
// plotly.js is loaded once, on the first page that has a figure: its "basic" bundle (scatter and bar, all the
// portal draws; npm plotly.js-basic-dist-min 3.7.0, MIT, in js/vendor) is 1.1 MB where the full one is 4.9 MB,
// and parsing the full one was the longest task of a results page's load.
// Works for server-rendered pages (share links) on load and for interactive pages through render(element).
window.pairwiseCharts = (() => {
    const plotlyUrl = "js/vendor/plotly-basic-3.7.0.min.js";
    let loading = null;

    function loadPlotly() {
        if (window.Plotly) return Promise.resolve(window.Plotly);
        if (!loading) {
            loading = new Promise((resolve, reject) => {
                const script = document.createElement("script");
                script.src = plotlyUrl;
                script.onload = () => resolve(window.Plotly);
                script.onerror = () => reject(new Error("plotly.js could not be loaded from " + plotlyUrl));
                document.head.appendChild(script);
            });
        }
        return loading;
    }

    // Charts are drawn one at a time, those in view first, yielding to the browser between two: a page
    // with a dozen figures stays responsive to clicks while the rest are drawn (never all in one long task).
    const queue = [];
    let draining = false;
    const observer = "IntersectionObserver" in window
        ? new IntersectionObserver((entries) => {
            for (const entry of entries) {
                const at = queue.indexOf(entry.target);
                if (entry.isIntersecting && at > 0) queue.unshift(...queue.splice(at, 1));
            }
        }, { rootMargin: "200px" })
        : null;
    const idle = () => new Promise((resolve) =>
        window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 300 }) : setTimeout(resolve, 16));

    function schedule(element) {
        if (!element || !element.dataset.figure || queue.includes(element)) return;
        const box = element.getBoundingClientRect();
        if (box.top < window.innerHeight && box.bottom > 0) queue.unshift(element);
        else queue.push(element);
        if (observer) observer.observe(element);
        drain();
    }

    async function drain() {
        if (draining) return;
        draining = true;
        try {
            while (queue.length > 0) {
                const element = queue.shift();
                if (observer) observer.unobserve(element);
                if (element.isConnected) {
                    try { await render(element); } catch (e) { console.error(e); }
                }
                await idle();
            }
        } finally {
            draining = false;
        }
    }

    async function render(element) {
        if (!element || !element.dataset.figure) return;
        const figure = JSON.parse(element.dataset.figure);
        const Plotly = await loadPlotly();
        await Plotly.react(element, figure.data, figure.layout, {
            responsive: true,
            displaylogo: false,
            toImageButtonOptions: { format: "png", filename: element.dataset.name || "figure", scale: 2 },
        });
        const audioBase = element.dataset.audioBase;
        if (audioBase && !element.dataset.rendered && window.pairwiseAudio) {
            // Clicking a t-SNE point plays its utterance (members only: share links carry no audio base).
            element.on("plotly_click", (event) => {
                // customdata holds the id as stored; text is its display form, encoded for Plotly.
                const id = event.points && event.points[0] && event.points[0].customdata;
                if (id) window.pairwiseAudio.play(audioBase + id.split('/').map(encodeURIComponent).join('/')); // as CorpusAudioEndpoints.AudioUrl
            });
        }
        element.dataset.rendered = "true";
    }

    // The PNG button beside each chart (rendered by PlotlyFigure.razor) exports the drawn figure.
    async function downloadPng(button) {
        const plot = button.closest(".pcl-figure")?.querySelector(".pcl-plot");
        if (!plot || !plot.dataset.rendered) return;
        const Plotly = await loadPlotly();
        await Plotly.downloadImage(plot, { format: "png", filename: button.dataset.name || "figure", scale: 2 });
    }

    document.addEventListener("click", (event) => {
        const button = event.target.closest && event.target.closest(".pcl-chart-png");
        if (button) downloadPng(button);
    });

    function renderAll() {
        document.querySelectorAll(".pcl-plot").forEach(schedule);
    }

    document.addEventListener("DOMContentLoaded", renderAll);
    // render(element) queues the chart (Blazor calls it after a component's first render); it returns at once.
    return { render: schedule, renderAll, downloadPng };
})();
