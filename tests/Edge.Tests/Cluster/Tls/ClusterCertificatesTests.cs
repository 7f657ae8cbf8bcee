using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Edge.Cluster.Tls;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Tls;

namespace Switchboard.Edge.Tests.Cluster.Tls;

/// <summary>Who counts as a member of the cluster: a certificate that chains to the configured CA, and nothing else.</summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    private const string Password = "pass";
    private readonly TestCertificateAuthority _ca = new();
    private readonly TestCertificateAuthority _rogueCa = new("Switchboard Test Cluster CA");

    public void Dispose()
    {
        _ca.Dispose();
        _rogueCa.Dispose();
    }

    [Fact]
    public void IsIssuedByCluster_CertificateFromTheCa_True()
    {
        using var certificates = Certificates(_ca.CaPath);
        using var peer = Load(_ca, "edge-1");

        Assert.True(certificates.IsIssuedByCluster(peer));
    }

    [Fact]
    public void IsIssuedByCluster_SameNamesFromAnotherCa_False()
    {
        using var certificates = Certificates(_ca.CaPath);
        using var peer = Load(_rogueCa, "edge-1");

        Assert.False(certificates.IsIssuedByCluster(peer));
    }

    [Fact]
    public void IsIssuedByCluster_SelfSignedWithTheCasName_False()
    {
        using var certificates = Certificates(_ca.CaPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var peer = new CertificateRequest("CN=Switchboard Test Cluster CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        Assert.False(certificates.IsIssuedByCluster(peer));
    }

    [Fact]
    public void IsIssuedByCluster_ExpiredCertificateFromTheCa_False()
    {
        using var certificates = Certificates(_ca.CaPath);
        using var peer = X509CertificateLoader.LoadPkcs12FromFile(
            _ca.IssuePfx("edge-1", Password, server: false, notAfter: DateTimeOffset.UtcNow.AddMinutes(-1)), Password);

        Assert.False(certificates.IsIssuedByCluster(peer));
    }

    [Fact]
    public void IsIssuedByCluster_TwoCasWhileRotating_AcceptsBoth()
    {
        var bundle = Path.Combine(Path.GetTempPath(), $"sb-bundle-{Guid.NewGuid():N}.pem");
        File.WriteAllText(bundle, File.ReadAllText(_ca.CaPath) + "\n" + File.ReadAllText(_rogueCa.CaPath));
        try
        {
            using var certificates = Certificates(bundle);
            using var fromOld = Load(_ca, "edge-1");
            using var fromNew = Load(_rogueCa, "edge-2");

            Assert.Equal(2, certificates.Authorities.Count);
            Assert.True(certificates.IsIssuedByCluster(fromOld));
            Assert.True(certificates.IsIssuedByCluster(fromNew));
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    private static X509Certificate2 Load(TestCertificateAuthority ca, string subject) =>
        X509CertificateLoader.LoadPkcs12FromFile(ca.IssuePfx(subject, Password, server: false), Password);

    private static ClusterCertificates Certificates(string caPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        // This node's own certificate plays no part in judging a peer; the first CA stands in for it.
        return new ClusterCertificates(X509CertificateLoader.LoadCertificate(authorities[0].RawData), authorities);
    }
}
