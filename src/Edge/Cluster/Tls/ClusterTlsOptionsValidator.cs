using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Cluster.Tls;

/// <summary>Checks <see cref="ClusterTlsOptions"/> before any file is read; every failure names its key.</summary>
public sealed class ClusterTlsOptionsValidator : IValidateOptions<ClusterTlsOptions>
{
    private const string P = ClusterTlsOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        CheckFile(failures, nameof(options.CertificatePath), options.CertificatePath,
            "this node's certificate and key, a PKCS#12 or PEM file");
        CheckFile(failures, nameof(options.CaPath), options.CaPath,
            "the cluster's own CA certificate: only certificates it issued are accepted");
        if (!string.IsNullOrWhiteSpace(options.KeyPath) && !File.Exists(options.KeyPath))
        {
            failures.Add($"{P}{nameof(options.KeyPath)} names a file that does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFile(List<string> failures, string key, string? path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{P}{key} is required with TLS for the cluster ({what})");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{P}{key} names a file that does not exist");
        }
    }
}
