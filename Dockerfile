# GPU image for a lab's portal host. It cannot be built on the development machines (no Docker engine,
# and the CUDA TorchSharp packages are not in their package registry); it is kept consistent with the
# project files by reading. Build:   docker build -t pairwisecl .
# Run:     docker run --gpus all -p 8080:8080 -v pairwisecl-data:/data pairwisecl
#
# Stage 1: build and publish with the CUDA switch (TorchSharp-cuda-linux instead of the CPU libtorch).
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props PairwiseCL.Web.sln appsettings.json ./
COPY build/ build/
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet restore src/PairwiseCL.Web/PairwiseCL.Web.csproj -p:PairwiseClCuda=true \
 && dotnet restore src/PairwiseCL.Cli/PairwiseCL.Cli.csproj -p:PairwiseClCuda=true
RUN dotnet publish src/PairwiseCL.Web/PairwiseCL.Web.csproj -c Release -p:PairwiseClCuda=true --no-restore -o /out/web \
 && dotnet publish src/PairwiseCL.Cli/PairwiseCL.Cli.csproj -c Release -p:PairwiseClCuda=true --no-restore -o /out/cli

# Stage 2: CUDA runtime on Ubuntu 24.04, whose libstdc++ already has GLIBCXX_3.4.32 (the build's
# libstdc++ fix detects that and leaves the library alone).
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg ca-certificates curl libicu74 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=mcr.microsoft.com/dotnet/aspnet:10.0-noble /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
RUN useradd --create-home --uid 10001 pairwisecl && mkdir -p /data && chown pairwisecl /data
COPY --from=build /out/web /app
COPY --from=build /out/cli /app/cli
ENV Kestrel__Endpoints__Http__Url=http://0.0.0.0:8080 \
    Storage__DataFolder=/data \
    Storage__DatabasePath=/data/pairwisecl.db \
    Storage__FeatureCachePath=/data/features \
    DOTNET_RUNNING_IN_CONTAINER=true
VOLUME ["/data"]
USER pairwisecl
WORKDIR /app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "PairwiseCL.Web.dll"]
