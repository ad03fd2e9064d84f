terraform {
  # 1.11: write-only arguments, so the database password never lands in the state or a plan.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # No secret is in the state (see secrets.tf), but it maps the whole installation: keep it in an
  # encrypted, private bucket, e.g.
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "tableorder/production.tfstate"
  #   region       = "ap-northeast-2"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# Route 53 health checks publish their metrics in us-east-1 only: the uptime alarm lives there.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
