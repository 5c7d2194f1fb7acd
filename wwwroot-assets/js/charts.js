// Draws the results pages' Plotly figures. A figure is a <div class="pcl-plot" data-figure="{data, layout}">;
// plotly.js (shipped by the Plotly.Blazor package) is loaded once, on the first page that has a figure.
// Works for server-rendered pages (share links) on load and for interactive pages through render(element).
window.pairwiseCharts = (() => {
    const plotlyUrl = "_content/Plotly.Blazor/plotly-3.7.0.min.js";
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
        return Promise.all(Array.from(document.querySelectorAll(".pcl-plot")).map(render));
    }

    document.addEventListener("DOMContentLoaded", renderAll);
    return { render, renderAll, downloadPng };
})();
