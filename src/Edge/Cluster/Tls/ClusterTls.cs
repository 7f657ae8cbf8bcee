using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Cluster.Tls;

/// <summary>
/// Reads <c>Cluster:Tls</c> for a silo or an edge and applies the rule of docs/security.md: plaintext cluster
/// traffic only on loopback. Every problem is an <see cref="OptionsValidationException"/> whose failures name the
/// key, so both hosts stop with one line (<see cref="Hosting.ConfigurationFailure"/>).
/// </summary>
public static class ClusterTls
{
    private const string P = ClusterTlsOptions.SectionName + ":";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// The node's certificates, or null for plaintext, which only a node whose <paramref name="addressKey"/> is a
    /// loopback address (or null: loopback by construction, the embedded node) may have.
    /// </summary>
    /// <param name="server">A silo: its certificate also authenticates the silo and gateway ports it serves.</param>
    public static ClusterCertificates? Read(IConfiguration configuration, string addressKey, IPAddress? address, bool server)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (!options.IsConfigured)
        {
            if (address is not null && !IPAddress.IsLoopback(address))
            {
                throw Invalid($"{P}{nameof(ClusterTlsOptions.CertificatePath)} and {P}{nameof(ClusterTlsOptions.CaPath)} are required when "
                    + $"{addressKey} ({address}) is not a loopback address: cluster traffic off this machine uses mutual TLS (docs/security.md)");
            }

            return null;
        }

        var result = new ClusterTlsOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw Invalid([.. result.Failures]);
        }

        return Load(options, server);
    }

    private static ClusterCertificates Load(ClusterTlsOptions options, bool server)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(options.CaPath!);
            if (authorities.Count == 0)
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(options.CaPath!));
            }
        }
        catch (CryptographicException ex)
        {
            throw Invalid($"{P}{nameof(ClusterTlsOptions.CaPath)} is not a PEM or DER certificate ({ex.Message})");
        }

        var certificate = LoadCertificate(options);
        var certificates = new ClusterCertificates(certificate, authorities);
        string? problem = null;
        if (!certificate.HasPrivateKey)
        {
            problem = $"{P}{nameof(ClusterTlsOptions.CertificatePath)} holds no private key (set {P}{nameof(ClusterTlsOptions.KeyPath)} for a PEM key in its own file)";
        }
        else if (!certificates.IsIssuedByCluster(certificate))
        {
            problem = $"{P}{nameof(ClusterTlsOptions.CertificatePath)} ({certificate.Subject}) is not issued by {P}{nameof(ClusterTlsOptions.CaPath)}, or is expired";
        }
        else if (!AllowsUsage(certificate, ClientAuthentication) || (server && !AllowsUsage(certificate, ServerAuthentication)))
        {
            problem = $"{P}{nameof(ClusterTlsOptions.CertificatePath)} ({certificate.Subject}) must allow "
                + (server ? "both server and client authentication (a silo is both)" : "client authentication")
                + " in its extended key usage";
        }

        if (problem is not null)
        {
            certificates.Dispose();
            throw Invalid(problem);
        }

        return certificates;
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsOptions options)
    {
        var path = options.CertificatePath!;
        try
        {
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            }

            using var pem = string.IsNullOrEmpty(options.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, options.KeyPath);

            // A PEM key is ephemeral; a PKCS#12 round trip gives it the form SslStream can use on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            // The message says what failed (a wrong password, no key); it never holds the password.
            throw Invalid($"{P}{nameof(ClusterTlsOptions.CertificatePath)} could not be read with its key and {P}{nameof(ClusterTlsOptions.CertificatePassword)} ({ex.Message.TrimEnd('.')})");
        }
    }

    /// <summary>RFC 5280 §4.2.1.12: without the extension a certificate may be used for any purpose.</summary>
    private static bool AllowsUsage(X509Certificate2 certificate, string oid)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return usages is null || usages.EnhancedKeyUsages.Cast<Oid>().Any(u => u.Value == oid);
    }

    private static OptionsValidationException Invalid(params string[] failures) =>
        new(ClusterTlsOptions.SectionName, typeof(ClusterTlsOptions), failures);
}
