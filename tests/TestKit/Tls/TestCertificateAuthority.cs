using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.TestKit.Tls;

/// <summary>
/// A throwaway CA for the tests' TLS: the cluster's mutual TLS (node certificates written to a temporary folder as
/// an operator would deploy them: the CA as PEM, nodes as PKCS#12 or PEM with a key file) and SIP over TLS (server
/// certificates for a host name, in memory). The folder is deleted on dispose. ECDSA P-256 keys, so issuing takes
/// milliseconds.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;
    private readonly string _folder;

    public TestCertificateAuthority(string name = "Switchboard Test Cluster CA")
    {
        _folder = Path.Combine(Path.GetTempPath(), $"sb-ca-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaPath = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(CaPath, _certificate.ExportCertificatePem());
    }

    /// <summary>The CA certificate, PEM: what <c>Cluster:Tls:CaPath</c> and <c>Sip:TrunkTlsCaPath</c> name.</summary>
    public string CaPath { get; }

    /// <summary>The CA certificate (public part only), for a trust list built in code.</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificate(_certificate.RawData);

    /// <summary>
    /// A SIP server's certificate whose subject alternative names are the DNS name <paramref name="name"/> and, when
    /// given, <paramref name="address"/>; loaded through PKCS#12 so SslStream can use its key on every platform.
    /// </summary>
    public X509Certificate2 IssueServer(string name, IPAddress? address = null)
    {
        using var certificate = Issue(name, server: true, notAfter: null, address is null ? [name] : [name, address]);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Issues a node certificate as a password-protected PKCS#12 file; returns its path.</summary>
    /// <param name="server">A silo's certificate (server and client authentication) rather than an edge's (client only).</param>
    public string IssuePfx(string subject, string password, bool server = true, DateTimeOffset? notAfter = null)
    {
        using var certificate = Issue(subject, server, notAfter, alternativeNames: []);
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Issues a node certificate as PEM files; returns the certificate's path and the key's.</summary>
    public (string CertificatePath, string KeyPath) IssuePem(string subject, bool server = true)
    {
        using var certificate = Issue(subject, server, notAfter: null, alternativeNames: []);
        var name = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(name + ".crt", certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(name + ".key", key.ExportPkcs8PrivateKeyPem());
        return (name + ".crt", name + ".key");
    }

    /// <summary>Configuration keys for a node holding a PKCS#12 certificate this CA issued.</summary>
    public Dictionary<string, string?> NodeSettings(string subject, bool server = true)
    {
        const string password = "node-pass";
        return new Dictionary<string, string?>
        {
            ["Cluster:Tls:CertificatePath"] = IssuePfx(subject, password, server),
            ["Cluster:Tls:CertificatePassword"] = password,
            ["Cluster:Tls:CaPath"] = CaPath,
        };
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private X509Certificate2 Issue(string subject, bool server, DateTimeOffset? notAfter, object[] alternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        if (alternativeNames.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in alternativeNames)
            {
                if (name is IPAddress address)
                {
                    names.AddIpAddress(address);
                }
                else
                {
                    names.AddDnsName((string)name);
                }
            }

            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            server ? new OidCollection { ServerAuthentication, ClientAuthentication } : new OidCollection { ClientAuthentication }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter ?? DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
