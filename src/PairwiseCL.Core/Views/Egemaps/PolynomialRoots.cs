namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Roots of a real polynomial as the eigenvalues of its companion matrix, by the Francis double-shift QR
/// iteration on that (already upper Hessenberg) matrix: EISPACK's hqr, eigenvalues only, with the shifts of
/// JAMA's hqr2. MathNet's FindRoots.Polynomial solves the same eigenproblem but allocates a dense matrix and
/// computes eigenvectors for every call; at one order-11 polynomial per 10 ms frame that was a quarter of the
/// eGeMAPS time. One instance per degree, reused without allocating; not thread-safe.
/// </summary>
internal sealed class PolynomialRoots
{
    private const int MaxIterationsPerRoot = 30;
    private readonly int _n;
    private readonly double[] _h;

    public PolynomialRoots(int degree)
    {
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "The degree must be at least 1.");
        _n = degree;
        _h = new double[degree * degree];
    }

    public int Degree => _n;

    /// <summary>
    /// Roots of sum_k coefficients[k] x^k (ascending powers, degree+1 of them, leading one non-zero) into
    /// real/imaginary (degree each; complex roots come in conjugate pairs). False when the iteration does not
    /// converge (then the outputs are undefined).
    /// </summary>
    public bool Solve(ReadOnlySpan<double> coefficients, Span<double> real, Span<double> imaginary)
    {
        var n = _n;
        if (coefficients.Length != n + 1) throw new ArgumentException($"Expected {n + 1} coefficients, got {coefficients.Length}.", nameof(coefficients));
        var lead = coefficients[n];
        if (lead == 0 || !double.IsFinite(lead)) throw new ArgumentException("The leading coefficient must be finite and non-zero.", nameof(coefficients));
        var h = _h;
        Array.Clear(h);
        // Companion matrix: first row -c[n-1..0] / c[n], ones below the diagonal.
        for (var j = 0; j < n; j++) h[j] = -coefficients[n - 1 - j] / lead;
        for (var i = 1; i < n; i++) h[i * n + i - 1] = 1.0;
        return Hqr(h, n, real, imaginary);
    }

    private static bool Hqr(double[] h, int size, Span<double> wr, Span<double> wi)
    {
        double H(int i, int j) => h[i * size + j];
        const double eps = 2.220446049250313e-16;
        var norm = 0.0;
        for (var i = 0; i < size; i++)
            for (var j = Math.Max(i - 1, 0); j < size; j++) norm += Math.Abs(H(i, j));

        var n = size - 1;
        var exshift = 0.0;
        double p = 0, q = 0, r = 0, s, z, w, x, y;
        var iter = 0;
        var total = 0;
        while (n >= 0)
        {
            // Look for a single small sub-diagonal element.
            var l = n;
            while (l > 0)
            {
                s = Math.Abs(H(l - 1, l - 1)) + Math.Abs(H(l, l));
                if (s == 0.0) s = norm;
                if (Math.Abs(H(l, l - 1)) < eps * s) break;
                l--;
            }

            if (l == n)
            {
                // One root.
                wr[n] = H(n, n) + exshift;
                wi[n] = 0.0;
                n--;
                iter = 0;
            }
            else if (l == n - 1)
            {
                // Two roots from the trailing 2 x 2 block.
                w = H(n, n - 1) * H(n - 1, n);
                p = (H(n - 1, n - 1) - H(n, n)) / 2.0;
                q = p * p + w;
                z = Math.Sqrt(Math.Abs(q));
                x = H(n, n) + exshift;
                if (q >= 0)
                {
                    z = p >= 0 ? p + z : p - z;
                    wr[n - 1] = x + z;
                    wr[n] = z != 0.0 ? x - w / z : x + z;
                    wi[n - 1] = 0.0;
                    wi[n] = 0.0;
                }
                else
                {
                    wr[n - 1] = x + p;
                    wr[n] = x + p;
                    wi[n - 1] = z;
                    wi[n] = -z;
                }
                n -= 2;
                iter = 0;
            }
            else
            {
                if (++total > MaxIterationsPerRoot * size) return false;
                // Form the shift.
                x = H(n, n);
                y = H(n - 1, n - 1);
                w = H(n, n - 1) * H(n - 1, n);
                if (iter == 10)
                {
                    // Wilkinson's exceptional shift.
                    exshift += x;
                    for (var i = 0; i <= n; i++) h[i * size + i] -= x;
                    s = Math.Abs(H(n, n - 1)) + Math.Abs(H(n - 1, n - 2));
                    x = y = 0.75 * s;
                    w = -0.4375 * s * s;
                }
                if (iter == 30)
                {
                    // MATLAB's exceptional shift (as JAMA).
                    s = (y - x) / 2.0;
                    s = s * s + w;
                    if (s > 0)
                    {
                        s = Math.Sqrt(s);
                        if (y < x) s = -s;
                        s = x - w / ((y - x) / 2.0 + s);
                        for (var i = 0; i <= n; i++) h[i * size + i] -= s;
                        exshift += s;
                        x = y = w = 0.964;
                    }
                }
                iter++;

                // Look for two consecutive small sub-diagonal elements.
                var m = n - 2;
                while (m >= l)
                {
                    z = H(m, m);
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / H(m + 1, m) + H(m, m + 1);
                    q = H(m + 1, m + 1) - z - r - s;
                    r = H(m + 2, m + 1);
                    s = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                    p /= s; q /= s; r /= s;
                    if (m == l) break;
                    if (Math.Abs(H(m, m - 1)) * (Math.Abs(q) + Math.Abs(r)) <
                        eps * (Math.Abs(p) * (Math.Abs(H(m - 1, m - 1)) + Math.Abs(z) + Math.Abs(H(m + 1, m + 1)))))
                        break;
                    m--;
                }
                for (var i = m + 2; i <= n; i++)
                {
                    h[i * size + i - 2] = 0.0;
                    if (i > m + 2) h[i * size + i - 3] = 0.0;
                }

                // Double QR step on rows l..n and columns m..n (eigenvalues only: the rest of the matrix
                // never feeds back into this block).
                for (var k = m; k <= n - 1; k++)
                {
                    var notLast = k != n - 1;
                    if (k != m)
                    {
                        p = H(k, k - 1);
                        q = H(k + 1, k - 1);
                        r = notLast ? H(k + 2, k - 1) : 0.0;
                        x = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                        if (x == 0.0) continue;
                        p /= x; q /= x; r /= x;
                    }
                    else x = 0.0;
                    s = Math.Sqrt(p * p + q * q + r * r);
                    if (p < 0) s = -s;
                    if (s == 0) continue;
                    if (k != m) h[k * size + k - 1] = -s * x;
                    else if (l != m) h[k * size + k - 1] = -H(k, k - 1);
                    p += s;
                    x = p / s; y = q / s; z = r / s;
                    q /= p; r /= p;
                    for (var j = k; j <= n; j++)
                    {
                        p = H(k, j) + q * H(k + 1, j);
                        if (notLast)
                        {
                            p += r * H(k + 2, j);
                            h[(k + 2) * size + j] -= p * z;
                        }
                        h[k * size + j] -= p * x;
                        h[(k + 1) * size + j] -= p * y;
                    }
                    for (var i = l; i <= Math.Min(n, k + 3); i++)
                    {
                        p = x * H(i, k) + y * H(i, k + 1);
                        if (notLast)
                        {
                            p += z * H(i, k + 2);
                            h[i * size + k + 2] -= p * r;
                        }
                        h[i * size + k] -= p;
                        h[i * size + k + 1] -= p * q;
                    }
                }
            }
        }
        return true;
    }
}
